/**
 * Frame table patches: the physical frame tables of a snapshot (owner, offset, flags, mappings per
 * frame, and the first PREVIEW_BYTES bytes of each: framePreview) as they travel per step. A step
 * usually touches a handful of frames, so only their indices and new values go (six small typed
 * arrays; `preview` holds PREVIEW_BYTES per listed frame, or nothing when the machine has no
 * previews); the whole tables go when the frame count or the preview table's length changed, or
 * more than a quarter of the frames did. The arrays are always new ones, never the snapshot's own,
 * so the worker can transfer them and keep its base intact.
 *
 *   prev owner [0 3 3 0 7 ...]   next owner [0 3 5 0 7 ...]   patch { index [2], owner [5], ... }
 */
import type { MachineSnapshot } from '../kernel/snapshot';
import { PREVIEW_BYTES } from '../kernel/snapshot_limits';

export interface FrameTables {
  owner: Int32Array;
  offset: Float64Array;
  flags: Uint8Array;
  maps: Int32Array;
  /** PREVIEW_BYTES per frame (per listed frame in a patch with an index); empty when the machine has no previews. */
  preview: Uint8Array;
}

/** The whole tables (`index` null), or the values at the listed frame indices. */
export type FramePatch = FrameTables & { index: Uint32Array | null };

type Frames = Pick<MachineSnapshot, 'frameOwner' | 'frameOffset' | 'frameFlags' | 'frameMaps' | 'framePreview'>;

function whole(s: Frames): FramePatch {
  return {
    index: null, owner: s.frameOwner.slice(), offset: s.frameOffset.slice(), flags: s.frameFlags.slice(), maps: s.frameMaps.slice(),
    preview: s.framePreview.slice(),
  };
}

/** True when frame i's preview bytes differ (both tables hold previews). */
function previewChanged(a: Uint8Array, b: Uint8Array, i: number): boolean {
  for (let j = i * PREVIEW_BYTES, end = j + PREVIEW_BYTES; j < end; j++) if (a[j] !== b[j]) return true;
  return false;
}

export function diffFrames(prev: Frames, next: Frames): FramePatch {
  const n = next.frameOwner.length;
  if (prev.frameOwner.length !== n || prev.framePreview.length !== next.framePreview.length) return whole(next);
  const limit = n >> 2;
  const changed: number[] = [];
  const [po, pf, pg, pm, pp] = [prev.frameOwner, prev.frameOffset, prev.frameFlags, prev.frameMaps, prev.framePreview];
  const [no, nf, ng, nm, np] = [next.frameOwner, next.frameOffset, next.frameFlags, next.frameMaps, next.framePreview];
  const previews = np.length > 0;
  for (let i = 0; i < n; i++) {
    if (po[i] !== no[i] || !Object.is(pf[i], nf[i]) || pg[i] !== ng[i] || pm[i] !== nm[i] || (previews && previewChanged(pp, np, i))) {
      changed.push(i);
      if (changed.length > limit) return whole(next);
    }
  }
  const index = Uint32Array.from(changed);
  const k = index.length;
  const p: FramePatch = {
    index, owner: new Int32Array(k), offset: new Float64Array(k), flags: new Uint8Array(k), maps: new Int32Array(k),
    preview: new Uint8Array(previews ? k * PREVIEW_BYTES : 0),
  };
  for (let j = 0; j < k; j++) {
    const i = index[j];
    p.owner[j] = no[i];
    p.offset[j] = nf[i];
    p.flags[j] = ng[i];
    p.maps[j] = nm[i];
    if (previews) p.preview.set(np.subarray(i * PREVIEW_BYTES, (i + 1) * PREVIEW_BYTES), j * PREVIEW_BYTES);
  }
  return p;
}

/** New frame tables: prev's copied and patched (prev is never written), or the patch's whole tables. */
export function applyFrames(prev: Frames, p: FramePatch): Frames {
  if (p.index === null) return { frameOwner: p.owner, frameOffset: p.offset, frameFlags: p.flags, frameMaps: p.maps, framePreview: p.preview };
  const out: Frames = {
    frameOwner: prev.frameOwner.slice(), frameOffset: prev.frameOffset.slice(), frameFlags: prev.frameFlags.slice(), frameMaps: prev.frameMaps.slice(),
    framePreview: prev.framePreview.slice(),
  };
  const previews = p.preview.length > 0;
  for (let j = 0; j < p.index.length; j++) {
    const i = p.index[j];
    out.frameOwner[i] = p.owner[j];
    out.frameOffset[i] = p.offset[j];
    out.frameFlags[i] = p.flags[j];
    out.frameMaps[i] = p.maps[j];
    if (previews) out.framePreview.set(p.preview.subarray(j * PREVIEW_BYTES, (j + 1) * PREVIEW_BYTES), i * PREVIEW_BYTES);
  }
  return out;
}

export function frameTransferables(p: FramePatch): ArrayBuffer[] {
  const out = [p.owner.buffer, p.offset.buffer, p.flags.buffer, p.maps.buffer, p.preview.buffer] as ArrayBuffer[];
  if (p.index !== null) out.push(p.index.buffer as ArrayBuffer);
  return out;
}
