// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DARK, PRESENTATION } from '../diagram/theme';
import { diagramFileName, downloadBlob, downloadText, findDiagramSvg, scenarioFileName, serializeDiagram } from './svg_export';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A small stand-in for MachineDiagram's <svg>, with what it has that matters here. */
function diagram(extra = ''): SVGSVGElement {
  document.body.innerHTML = `
    <div>
      <svg viewBox="0 0 640 360" width="640" height="360" role="group" aria-label="Machine diagram: test"
           style="background: #020617; display: block; touch-action: none" ${extra}>
        <defs><marker id="md-arrow-map"><path d="M0,0L10,5L0,10z" fill="#cbd5e1"/></marker></defs>
        <rect x="0" y="0" width="640" height="360" fill="#020617"/>
        <g data-testid="diagram-viewport" transform="translate(30,40) scale(2)">
          <g data-testid="task-P" aria-label="task P" role="group" tabindex="0" data-key="task:1">
            <text x="10" y="20" fill="#f1f5f9">task P &lt;pid 1&gt; → map</text>
            <g data-testid="entry-3" role="group" tabindex="0" style="cursor: pointer">
              <rect x="10" y="30" width="50" height="20" fill="transparent" role="button" tabindex="0" onclick="alert(1)"/>
              <text x="12" y="44" fill="#94a3b8">0x1000</text>
            </g>
          </g>
          <g data-testid="object-7" aria-label="object 7" role="group" tabindex="0" style="transition: stroke 120ms">
            <text x="100" y="20" fill="#7dd3fc">object 7 (shadow)</text>
          </g>
          <g data-testid="moving-page" data-export="skip"><text x="0" y="0">moving</text></g>
        </g>
      </svg>
      <button>Zoom to fit</button>
    </div>`;
  return findDiagramSvg()!;
}

function parse(text: string): Document {
  return new DOMParser().parseFromString(text, 'image/svg+xml');
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('serializeDiagram', () => {
  it('is a standalone SVG document that parses back without errors', () => {
    const text = serializeDiagram(diagram());
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"')).toBe(true);
    expect(text).toContain(`xmlns="${SVG_NS}"`);
    expect(text).toContain('xmlns:xlink="http://www.w3.org/1999/xlink"');
    const doc = parse(text);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.tagName.toLowerCase()).toBe('svg');
    expect(root.namespaceURI).toBe(SVG_NS);
  });

  it('keeps every label and every data-testid', () => {
    const svg = diagram();
    const doc = parse(serializeDiagram(svg));
    const texts = Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent);
    expect(texts).toEqual(['task P <pid 1> → map', '0x1000', 'object 7 (shadow)']);
    const ids = Array.from(doc.querySelectorAll('[data-testid]')).map((e) => e.getAttribute('data-testid'));
    expect(ids).toEqual(['diagram-viewport', 'task-P', 'entry-3', 'object-7']);
    expect(doc.documentElement.getAttribute('aria-label')).toBe('Machine diagram: test');
    expect(doc.getElementById('md-arrow-map')).not.toBeNull();
  });

  it('drops elements marked data-export="skip"', () => {
    const doc = parse(serializeDiagram(diagram()));
    expect(doc.querySelector('[data-export="skip"]')).toBeNull();
    expect(doc.querySelector('[data-testid="moving-page"]')).toBeNull();
    expect(serializeDiagram(diagram())).not.toContain('moving');
  });

  it('sets width and height from the viewBox', () => {
    const svg = diagram();
    svg.setAttribute('viewBox', '0 0 1200.5 873');
    svg.removeAttribute('width');
    svg.setAttribute('height', '100%');
    const root = parse(serializeDiagram(svg)).documentElement;
    expect(root.getAttribute('width')).toBe('1200.5');
    expect(root.getAttribute('height')).toBe('873');
    expect(root.getAttribute('viewBox')).toBe('0 0 1200.5 873');
  });

  it('cuts the file to the drawing when the page\'s <svg> is taller than it (data-drawing-height)', () => {
    const svg = diagram();
    svg.setAttribute('viewBox', '0 0 640 512');
    svg.setAttribute('height', '512');
    svg.setAttribute('data-drawing-height', '377.5');
    const root = parse(serializeDiagram(svg)).documentElement;
    expect(root.getAttribute('viewBox')).toBe('0 0 640 377.5');
    expect([root.getAttribute('width'), root.getAttribute('height')]).toEqual(['640', '377.5']);
    expect(root.hasAttribute('data-drawing-height')).toBe(false);
    const background = root.firstElementChild!;
    expect([background.getAttribute('width'), background.getAttribute('height')]).toEqual(['640', '377.5']);
  });

  it('paints a background rectangle first: the dark theme, black in presentation mode, or as asked', () => {
    const first = (text: string) => parse(text).documentElement.firstElementChild!;
    const dark = first(serializeDiagram(diagram()));
    expect(dark.tagName.toLowerCase()).toBe('rect');
    expect(dark.getAttribute('fill')).toBe(DARK.background);
    expect([dark.getAttribute('x'), dark.getAttribute('y'), dark.getAttribute('width'), dark.getAttribute('height')]).toEqual(['0', '0', '640', '360']);
    expect(first(serializeDiagram(diagram('data-presentation="true"'))).getAttribute('fill')).toBe(PRESENTATION.background);
    expect(first(serializeDiagram(diagram(), { background: '#ffffff' })).getAttribute('fill')).toBe('#ffffff');
  });

  it('removes interactive-only attributes and styles, and the zoom transform', () => {
    const text = serializeDiagram(diagram());
    const doc = parse(text);
    expect(doc.querySelector('[tabindex]')).toBeNull();
    expect(doc.querySelector('[role="button"]')).toBeNull();
    expect(text).not.toMatch(/onclick|cursor|touch-action|transition/i);
    expect(doc.documentElement.getAttribute('style')).toBeNull();
    expect(doc.querySelector('[data-testid="diagram-viewport"]')!.getAttribute('transform')).toBeNull();
    // the group roles and labels stay (they describe the picture)
    expect(doc.querySelector('[data-testid="task-P"]')!.getAttribute('role')).toBe('group');
    const kept = parse(serializeDiagram(diagram(), { keepZoom: true }));
    expect(kept.querySelector('[data-testid="diagram-viewport"]')!.getAttribute('transform')).toBe('translate(30,40) scale(2)');
  });

  it('leaves the page diagram untouched', () => {
    const svg = diagram();
    const before = svg.outerHTML;
    serializeDiagram(svg);
    expect(svg.outerHTML).toBe(before);
  });
});

describe('file names', () => {
  it('names a saved scenario after its built-in, else scenario.vms', () => {
    expect(scenarioFileName('fork_copy')).toBe('fork_copy.vms');
    expect(scenarioFileName(null)).toBe('scenario.vms');
    expect(scenarioFileName('../we ird/name')).toBe('we_ird_name.vms');
  });

  it('names an exported picture after the scenario and the step', () => {
    expect(diagramFileName('fork_copy', 7, 'svg')).toBe('mach-vm-fork_copy-step-7.svg');
    expect(diagramFileName(null, 0, 'png')).toBe('mach-vm-scenario-step-0.png');
  });
});

describe('downloads', () => {
  it('click a temporary <a download> holding an object URL, and remove it', async () => {
    vi.useFakeTimers();
    const created: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      created.push(b as Blob);
      return 'blob:test/1';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicks: { href: string; download: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download, attached: this.isConnected });
    });
    downloadText('task A\n', 'fork_copy.vms', 'text/plain');
    expect(create).toHaveBeenCalledTimes(1);
    expect(created[0].type).toBe('text/plain;charset=utf-8');
    expect(await created[0].text()).toBe('task A\n');
    expect(clicks).toEqual([{ href: 'blob:test/1', download: 'fork_copy.vms', attached: true }]);
    expect(document.querySelector('a')).toBeNull();
    expect(revoke).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith('blob:test/1');

    downloadBlob(new Blob(['x'], { type: 'image/png' }), 'a.png');
    expect(clicks[1].download).toBe('a.png');
  });
});
