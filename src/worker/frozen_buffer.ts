/**
 * frozen_buffer: how a checkpoint (state_clone.ts freeze) stores buffers and typed arrays. A large
 * buffer is kept as 4 KiB chunks with the all-zero ones left out (most of a big machine's memory
 * was never written), and comes back either as a new buffer whose zero chunks are never touched
 * (no page faults for them) or written over a buffer already in use (a zero chunk is written only
 * where that buffer is not zero).
 *
 *   buffer   [ data | 0000 | 0000 | data | 0000 ]  16 KiB + ...
 *   frozen   [ c0   |  -   |  -   | c3   |  -   ]  two 4 KiB chunks stored
 */

export type TypedArray = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;
export type TypedArrayCtor = new (buffer: ArrayBuffer, byteOffset: number, length: number) => TypedArray;

/** Buffers at least this big are stored as chunks, all-zero chunks left out. */
export const SPARSE_MIN = 64 * 1024;
export const CHUNK = 4096;

/** True when bytes [start, end) are all zero (words: the same buffer as 32-bit words; start a multiple of 4). */
function isZero(words: Int32Array, bytes: Uint8Array, start: number, end: number): boolean {
  for (let w = start >> 2; w < end >> 2; w++) if (words[w] !== 0) return false;
  for (let i = end & ~3; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** An ArrayBuffer in a frozen graph. */
export class FrozenBuffer {
  constructor(
    readonly byteLength: number,
    /** Chunk i holds bytes [i × CHUNK, ...), undefined when all zero; or the whole buffer. */
    readonly chunks: (Uint8Array | undefined)[] | Uint8Array,
  ) {}

  static of(b: ArrayBuffer): FrozenBuffer {
    if (b.byteLength < SPARSE_MIN) return new FrozenBuffer(b.byteLength, new Uint8Array(b.slice(0)));
    const bytes = new Uint8Array(b);
    const words = new Int32Array(b, 0, b.byteLength >> 2);
    const chunks: (Uint8Array | undefined)[] = [];
    for (let start = 0; start < b.byteLength; start += CHUNK) {
      const end = Math.min(start + CHUNK, b.byteLength);
      chunks.push(isZero(words, bytes, start, end) ? undefined : bytes.slice(start, end));
    }
    return new FrozenBuffer(b.byteLength, chunks);
  }

  /** Bytes this stores. */
  get stored(): number {
    if (this.chunks instanceof Uint8Array) return this.chunks.byteLength;
    let n = 0;
    for (const c of this.chunks) if (c !== undefined) n += c.byteLength;
    return n;
  }

  /** Writes the contents into `into`, a buffer of the same length (an all-zero chunk is written only where `into` is not zero). */
  writeTo(into: ArrayBuffer): void {
    const out = new Uint8Array(into);
    if (this.chunks instanceof Uint8Array) {
      out.set(this.chunks);
      return;
    }
    const words = new Int32Array(into, 0, into.byteLength >> 2);
    for (let i = 0; i < this.chunks.length; i++) {
      const c = this.chunks[i];
      const start = i * CHUNK;
      if (c !== undefined) out.set(c, start);
      else if (!isZero(words, out, start, Math.min(start + CHUNK, out.length))) out.fill(0, start, start + CHUNK);
    }
  }

  /** A new buffer with these contents; its all-zero chunks are never touched. */
  materialize(): ArrayBuffer {
    const b = new ArrayBuffer(this.byteLength);
    this.writeChunks(new Uint8Array(b));
    return b;
  }

  private writeChunks(out: Uint8Array): void {
    if (this.chunks instanceof Uint8Array) {
      out.set(this.chunks);
      return;
    }
    for (let i = 0; i < this.chunks.length; i++) {
      const c = this.chunks[i];
      if (c !== undefined) out.set(c, i * CHUNK);
    }
  }
}

export const TYPED_ARRAYS: Record<string, TypedArrayCtor> = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};

/** A typed array in a frozen graph (its kind by name: a frozen graph holds no function). */
export class FrozenView {
  constructor(
    readonly kind: string,
    readonly buffer: FrozenBuffer,
    readonly byteOffset: number,
    readonly length: number,
  ) {}

  get ctor(): TypedArrayCtor {
    return TYPED_ARRAYS[this.kind];
  }
}
