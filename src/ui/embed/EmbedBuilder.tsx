/**
 * The embed builder (Export's Embed…): a modal dialog that writes the <iframe> code showing the
 * current lesson (#builtin=NAME) or text (its share value, #s=..., made by the share codec) in a
 * course page, pointing at embed.html, with the options the embed honours (embed_options.ts):
 * start and end step, autoplay and its speed, which controls show (timeline buttons, scrubber,
 * narration, "Open in the playground"), and the size (presets or custom). Copy puts the code on
 * the clipboard; "Try it" opens the embed page. A lazy chunk of its own; keys typed in it stay in
 * it (the timeline behind does not move).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../../store/scenario_store';
import { AUTOPLAY_SPEEDS, EMBED_CONTROLS, type AutoplaySpeed, type EmbedControl, type EmbedOptions } from './embed_options';
import { clampSide, embedUrl, iframeCode, MAX_EMBED_SIDE, MIN_EMBED_SIDE, SIZE_PRESETS, type EmbedSize } from './embed_code';

const CONTROL_LABELS: Record<EmbedControl, string> = {
  buttons: 'Timeline buttons',
  scrubber: 'Scrubber',
  narration: 'Narration',
  open: '"Open in the playground" link',
};

const BUTTON = 'rounded border border-slate-500 bg-slate-800 px-3 py-1.5 font-medium text-slate-100 hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300 disabled:opacity-40';
const FIELD = 'rounded border border-slate-500 bg-slate-950 px-2 py-1 text-slate-100 focus:outline focus:outline-2 focus:outline-sky-300';

type Scenario = { ok: true; hash: string } | { ok: false; message: string } | null;

export function EmbedBuilder({ store, onClose }: { store: ScenarioStore; onClose: () => void }) {
  const builtinName = useStore(store, (s) => s.builtinName);
  const builtins = useStore(store, (s) => s.builtins);
  const source = useStore(store, (s) => s.source);
  const total = useStore(store, (s) => s.total);
  const cursor = useStore(store, (s) => s.cursor);
  const title = builtins.find((b) => b.name === builtinName)?.title;

  const [start, setStart] = useState(cursor);
  const [end, setEnd] = useState(total);
  const [autoplay, setAutoplay] = useState(false);
  const [speed, setSpeed] = useState<AutoplaySpeed>('normal');
  const [shown, setShown] = useState<ReadonlySet<EmbedControl>>(() => new Set(EMBED_CONTROLS));
  const [preset, setPreset] = useState('medium');
  const [custom, setCustom] = useState({ width: 960, height: 600 });
  const [copied, setCopied] = useState<string | null>(null);
  const [scenario, setScenario] = useState<Scenario>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const code = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d !== null && !d.open) d.showModal?.();
  }, []);

  // the scenario's part of the address: a lesson by name, any other text as a share value
  useEffect(() => {
    if (builtinName !== null) {
      setScenario({ ok: true, hash: `builtin=${encodeURIComponent(builtinName)}` });
      return;
    }
    let cancelled = false;
    setScenario(null);
    import('../../scenario/url_codec').then(
      (codec) => {
        if (cancelled) return;
        const made = codec.shareValue(source);
        setScenario(made.ok ? { ok: true, hash: `s=${made.value}` } : { ok: false, message: made.message });
      },
      () => !cancelled && setScenario({ ok: false, message: "the page's link encoder could not be loaded (check the connection and try again)" }),
    );
    return () => {
      cancelled = true;
    };
  }, [builtinName, source]);

  const first = Math.max(0, Math.min(start, total));
  const last = Math.max(first, Math.min(end, total));
  const options: EmbedOptions = useMemo(
    () => ({ start: first, end: last >= total ? null : last, autoplay, speed, hide: new Set(EMBED_CONTROLS.filter((c) => !shown.has(c))) }),
    [first, last, total, autoplay, speed, shown],
  );
  const size: EmbedSize = preset === 'custom' ? { width: clampSide(custom.width), height: clampSide(custom.height) } : SIZE_PRESETS.find((p) => p.id === preset)!.size;
  const url = scenario?.ok === true ? embedUrl(window.location.href, scenario.hash, options) : null;
  const html = url === null ? '' : iframeCode(url, `Mach VM Playground: ${title ?? 'a scenario'}`, size);

  const close = () => {
    dialog.current?.close?.();
    onClose();
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(html);
      setCopied('Copied: paste it into the course page.');
    } catch {
      code.current?.select();
      setCopied('The clipboard is not available here: the code is selected, copy it with Ctrl+C (⌘C).');
    }
  };
  const toggleShown = (c: EmbedControl, on: boolean) => {
    const next = new Set(shown);
    if (on) next.add(c);
    else next.delete(c);
    setShown(next);
  };
  const number = (v: string) => (v.trim() === '' ? 0 : Number(v));

  return (
    <dialog
      ref={dialog}
      aria-labelledby="embed-builder-title"
      data-testid="embed-builder"
      className="m-auto max-h-[95vh] w-[46rem] max-w-[95vw] overflow-auto rounded border border-slate-500 bg-slate-900 p-5 text-slate-100 backdrop:bg-black/70"
      onKeyDown={(e) => e.stopPropagation()}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <h2 id="embed-builder-title" className="mb-3 text-xl font-semibold">
        Embed {title !== undefined ? `"${title}"` : 'this scenario'} in a course page
      </h2>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-medium text-sky-300">Steps</legend>
          <label className="flex items-center justify-between gap-2">
            Start at step
            <input type="number" className={`${FIELD} w-24`} min={0} max={total} value={start} onChange={(e) => setStart(number(e.target.value))} />
          </label>
          <label className="flex items-center justify-between gap-2">
            End at step
            <input type="number" className={`${FIELD} w-24`} min={first} max={total} value={end} onChange={(e) => setEnd(number(e.target.value))} />
          </label>
          <p className="text-sm text-slate-300" data-testid="embed-range">
            The timeline shows steps {first} to {last} of {total}.
          </p>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} />
            Autoplay (steps on by itself, stops at the end)
          </label>
          <label className="flex items-center justify-between gap-2">
            Speed
            <select className={FIELD} value={speed} disabled={!autoplay} onChange={(e) => setSpeed(e.target.value as AutoplaySpeed)}>
              {AUTOPLAY_SPEEDS.map((s) => (
                <option key={s} value={s}>{s}</option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-medium text-sky-300">Show</legend>
          {EMBED_CONTROLS.map((c) => (
            <label key={c} className="flex items-center gap-2">
              <input type="checkbox" checked={shown.has(c)} onChange={(e) => toggleShown(c, e.target.checked)} />
              {CONTROL_LABELS[c]}
            </label>
          ))}
          <label className="mt-2 flex items-center justify-between gap-2">
            Size
            <select className={FIELD} value={preset} onChange={(e) => setPreset(e.target.value)}>
              {SIZE_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>{p.label}</option>
              ))}
              <option value="custom">Custom…</option>
            </select>
          </label>
          {preset === 'custom' && (
            <div className="flex items-center gap-2">
              <label className="flex items-center gap-1">
                Width
                <input type="number" className={`${FIELD} w-24`} min={MIN_EMBED_SIDE} max={MAX_EMBED_SIDE} value={custom.width} onChange={(e) => setCustom({ ...custom, width: number(e.target.value) })} />
              </label>
              <label className="flex items-center gap-1">
                Height
                <input type="number" className={`${FIELD} w-24`} min={MIN_EMBED_SIDE} max={MAX_EMBED_SIDE} value={custom.height} onChange={(e) => setCustom({ ...custom, height: number(e.target.value) })} />
              </label>
            </div>
          )}
        </fieldset>
      </div>
      <label className="mt-4 flex flex-col gap-1">
        <span className="font-medium text-sky-300">Code for the course page</span>
        <textarea
          ref={code}
          readOnly
          rows={4}
          data-testid="embed-code"
          className={`${FIELD} font-code text-sm`}
          value={scenario === null ? 'Making the link…' : scenario.ok ? html : `This text cannot be embedded: ${scenario.message}.`}
        />
      </label>
      <p role="status" className="mt-1 min-h-[1.5rem] text-sm text-emerald-300">{copied ?? ''}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" className={BUTTON} onClick={() => void copy()} disabled={url === null}>
          Copy code
        </button>
        {url !== null && (
          <a className={`${BUTTON} no-underline`} href={url} target="_blank" rel="noopener">
            Try it
          </a>
        )}
        <button type="button" className={BUTTON} onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}
