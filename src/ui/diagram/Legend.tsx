/**
 * Legend: the diagram's legend, a panel over the diagram (key g or the Legend button; Escape, g or
 * Close shut it) listing every notation of notations.ts by group: a sample drawn as the picture
 * draws it (the same theme, outline widths and dashes, arrow styles and grid colours, at the
 * picture's text size) and what it means in plain words. Real text; a fixed number of rows, the
 * panel scrolls inside (arrow keys once focused). In presentation mode its text is 3.2vh (34 px at
 * 1080p), white on black. Part of a lazy chunk (export/lazy_views.ts).
 */
import { useEffect, useId } from 'react';
import { NOTATIONS, NOTATION_GROUPS, type BoxSample, type Notation, type Sample } from './notations';
import { OUTLINE, TOUCHED_DASH } from './outline_style';
import { ARROW_KINDS, linkStyle, swatchStyle, type Theme } from './theme';

/** The sample's drawing units per text px: samples are drawn at 14 px text and scaled with the panel's font (em). */
const BASE = 14;
/** A sample's width in drawing units. */
const SAMPLE_W = 170;
const LINE = 17;

export interface LegendProps {
  theme: Theme;
  presentation: boolean;
  /** Closes it (Escape, Close). */
  onClose: () => void;
}

function boxStyle(box: BoxSample, t: Theme): { fill: string; stroke: string; width: number; rx: number; dash?: string } {
  const o = OUTLINE;
  switch (box) {
    case 'entry':
    case 'entry-cow':
      return { fill: t.box, stroke: t.stroke, width: o.entry.width, rx: o.entry.rx };
    case 'entry-zero':
      return { fill: t.box, stroke: t.stroke, width: o.entry.width, rx: o.entry.rx, dash: '5 3' };
    case 'object':
      return { fill: t.panel, stroke: t.stroke, width: o.object.width, rx: o.object.rx };
    case 'object-cached':
      return { fill: t.panel, stroke: t.stroke, width: o.object.width, rx: o.object.rx, dash: '6 3' };
    case 'cell':
      return { fill: t.boxAlt, stroke: t.stroke, width: o.page.width, rx: o.page.rx };
    case 'cell-absent':
      return { fill: 'transparent', stroke: t.faint, width: o.page.width, rx: o.page.rx, dash: '4 3' };
    case 'cell-swapped':
      return { fill: 'transparent', stroke: t.text.warn, width: o.page.width, rx: o.page.rx, dash: '4 3' };
    case 'pager':
      return { fill: t.panel, stroke: t.text.warn, width: o.pager.width, rx: o.pager.rx };
    case 'pager-file':
      return { fill: t.panel, stroke: t.text.accent, width: o.pager.width, rx: o.pager.rx };
    case 'tlb':
      return { fill: t.boxAlt, stroke: t.stroke, width: o.tlb.width, rx: o.tlb.rx };
    case 'tlb-empty':
      return { fill: 'transparent', stroke: t.faint, width: o.tlb.width, rx: o.tlb.rx, dash: '4 3' };
    case 'frame':
    case 'frame-dirty':
      return { fill: t.box, stroke: t.stroke, width: 1.5, rx: o.frame.rx };
    case 'frame-free':
      return { fill: 'transparent', stroke: t.faint, width: 1, rx: o.frame.rx, dash: '3 3' };
    case 'gap':
      return { fill: 'transparent', stroke: 'none', width: 0, rx: 0 };
    case 'summary':
      return { fill: t.panel, stroke: t.text.accent, width: 1.25, rx: 4, dash: '5 3' };
  }
}

/** How tall a sample is (drawing units). */
function sampleHeight(s: Sample): number {
  switch (s.kind) {
    case 'box':
    case 'ghost':
    case 'text':
      return s.lines.length * LINE + 10;
    default:
      return 26;
  }
}

function BoxSampleView({ s, theme, h }: { s: Extract<Sample, { kind: 'box' }>; theme: Theme; h: number }) {
  const st = boxStyle(s.box, theme);
  const w = s.box === 'tlb' || s.box === 'tlb-empty' ? 64 : s.box.startsWith('frame') ? 110 : SAMPLE_W - 4;
  const tone = theme.text[s.tone ?? 'normal'];
  const frame = s.box.startsWith('frame');
  return (
    <>
      <rect x={2} y={2} width={w} height={h - 4} rx={st.rx} fill={st.fill} stroke={st.stroke} strokeWidth={st.width} strokeDasharray={st.dash} />
      {s.box === 'gap' && <line x1={10} x2={10} y1={3} y2={h - 3} stroke={theme.faint} strokeWidth={2} strokeDasharray="2 3" />}
      {s.box === 'frame-dirty' && <rect x={3} y={3} width={4} height={h - 6} fill={theme.dirty} />}
      {s.box === 'entry-cow' && (
        <text x={w - 6} y={5 + 2 * LINE - 4} fontSize={BASE} textAnchor="end" fontWeight={700} fill={theme.text.warn}>
          COW
        </text>
      )}
      {frame
        ? (() => {
            const [n, owner] = s.lines[0].split('  ');
            return (
              <>
                <text x={10} y={5 + LINE - 4} fontSize={BASE} fill={theme.text.dim}>{n}</text>
                {owner !== undefined && (
                  <text x={w - 5} y={5 + LINE - 4} fontSize={BASE} textAnchor="end" fontWeight={s.bold === true ? 700 : 400} fill={theme.text.normal}>{owner}</text>
                )}
              </>
            );
          })()
        : s.lines.map((l, i) => (
            <text key={i} x={s.box === 'gap' ? 20 : 8} y={5 + (i + 1) * LINE - 4} fontSize={BASE} fontWeight={(s.bold === true && i === 0) || (s.box.startsWith('entry') && i === 0) ? 700 : 400} fill={tone}>
              {l}
            </text>
          ))}
    </>
  );
}

/** A row's sample, drawn with the picture's styles. */
function SampleView({ n, theme, presentation }: { n: Notation; theme: Theme; presentation: boolean }) {
  const s = n.sample;
  const h = sampleHeight(s);
  const markerId = `lg-arrow-${n.id}`;
  let body;
  switch (s.kind) {
    case 'box':
      body = <BoxSampleView s={s} theme={theme} h={h} />;
      break;
    case 'link': {
      // presentation mode: the arrows' 3 px at 1080 (the sample is drawn 32/14 × larger there)
      const style = linkStyle(s.link, presentation ? 1.4 : undefined);
      body = (
        <>
          <defs>
            <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0L10,5L0,10z" fill={theme.link[s.link]} />
            </marker>
          </defs>
          <path
            d={`M4,${h / 2}H${SAMPLE_W - 8}`} fill="none" stroke={theme.link[s.link]} strokeOpacity={theme.linkOpacity[s.link]}
            strokeWidth={style.width} strokeDasharray={style.dash} markerEnd={ARROW_KINDS.includes(s.link) ? `url(#${markerId})` : undefined}
          />
        </>
      );
      break;
    }
    case 'outline': {
      const o = OUTLINE.entry;
      const stroke = s.mark === 'changed' ? theme.step : s.mark === 'touched' ? theme.touched : theme.path;
      const width = s.mark === 'touched' ? o.touchedWidth : o.litWidth;
      body = (
        <rect x={3} y={3} width={SAMPLE_W - 60} height={h - 6} rx={o.rx} fill={theme.box} stroke={stroke} strokeWidth={width} strokeDasharray={s.mark === 'touched' ? TOUCHED_DASH : undefined} />
      );
      break;
    }
    case 'swatches': {
      const sw = swatchStyle(theme);
      body = (
        <>
          {s.swatches.map((k, i) => (
            <g key={k}>
              <rect x={4 + i * 56} y={h / 2 - 6} width={12} height={12} fill={sw[k].fill} fillOpacity={sw[k].opacity} />
              <text x={20 + i * 56} y={h / 2 + 5} fontSize={11} fill={theme.text.dim}>{k === 'readonly' ? 'r/o' : k === 'writable' ? 'r/w' : k}</text>
            </g>
          ))}
        </>
      );
      break;
    }
    case 'chip':
      body = (
        <>
          <rect x={2} y={2} width={90} height={h - 4} rx={5} fill={theme.chip} />
          <text x={47} y={h / 2 + 5} fontSize={BASE} fontWeight={700} textAnchor="middle" fill={theme.chipText}>{s.text}</text>
        </>
      );
      break;
    case 'ghost':
      body = (
        <>
          <rect x={2} y={2} width={90} height={h - 4} rx={3} fill={theme.background} stroke={theme.faint} strokeWidth={2} strokeDasharray="5 4" />
          {s.lines.map((l, i) => (
            <text key={i} x={8} y={5 + (i + 1) * LINE - 4} fontSize={BASE} fill={theme.text.dim}>{l}</text>
          ))}
        </>
      );
      break;
    case 'text':
      body = s.lines.map((l, i) => (
        <text key={i} x={2} y={5 + (i + 1) * LINE - 4} fontSize={BASE} fontWeight={s.bold === true && i === 0 ? 700 : 400} fill={theme.text[i === 0 ? (s.tone ?? 'normal') : 'dim']}>
          {l}
        </text>
      ));
      break;
  }
  return (
    <svg viewBox={`0 0 ${SAMPLE_W} ${h}`} style={{ width: `${SAMPLE_W / BASE}em`, height: `${h / BASE}em`, flex: 'none', background: theme.background }} aria-hidden="true" data-sample={s.kind}>
      {body}
    </svg>
  );
}

export function Legend({ theme, presentation, onClose }: LegendProps) {
  const titleId = useId();
  useEffect(() => {
    // Escape closes the legend first (before the app's keys: in presentation mode it would leave it)
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.ctrlKey || e.altKey || e.metaKey) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  const text = presentation ? { fontSize: '3.2vh', lineHeight: 1.25 } : { fontSize: 14, lineHeight: 1.35 };
  const border = presentation ? '0.3vh solid #ffffff' : '1px solid #64748b';
  return (
    <aside
      role="dialog" aria-modal="false" aria-labelledby={titleId} data-testid="diagram-legend" tabIndex={-1}
      style={{
        position: 'absolute', top: presentation ? 'calc(12px + 5vh)' : 36, right: presentation ? '1vh' : 6, zIndex: 5,
        width: presentation ? 'min(96%, 62vw)' : 'min(96%, 760px)', maxHeight: presentation ? 'calc(100% - 12px - 6vh)' : '75vh', overflowY: 'auto',
        background: presentation ? '#000000' : '#0f172a', color: presentation ? '#ffffff' : '#f1f5f9', border, borderRadius: 6,
        padding: presentation ? '1vh 1.2vw' : '8px 12px', boxShadow: '0 8px 24px rgba(0,0,0,0.6)', ...text,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: '1em' }}>
        <h2 id={titleId} style={{ fontWeight: 700, fontSize: '1.15em', margin: 0 }}>Legend: reading the picture</h2>
        <button
          type="button" onClick={onClose} aria-keyshortcuts="Escape g"
          style={{ border, borderRadius: 4, padding: '0.1em 0.6em', background: 'transparent', color: 'inherit', cursor: 'pointer', font: 'inherit' }}
        >
          Close
        </button>
      </div>
      <p style={{ margin: '0.3em 0 0.5em', color: presentation ? '#ffffff' : '#cbd5e1' }}>
        Hover an element to light its path; hover an arrow to read what it joins. Esc or g closes this.
      </p>
      {NOTATION_GROUPS.map((g) => (
        <section key={g.id} aria-label={g.title}>
          <h3 style={{ fontWeight: 700, margin: '0.6em 0 0.3em', color: theme.text.accent }}>{g.title}</h3>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {NOTATIONS.filter((n) => n.group === g.id).map((n) => (
              <li key={n.id} data-notation={n.id} style={{ display: 'flex', gap: '0.8em', alignItems: 'flex-start', margin: '0.35em 0' }}>
                <SampleView n={n} theme={theme} presentation={presentation} />
                <div>
                  <strong>{n.name}</strong>: {n.meaning}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
