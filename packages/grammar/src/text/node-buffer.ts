/**
 * Node's Buffer when the grammar runs under Node, undefined in a browser: the one place the grammar reaches for it.
 * Its native copies, encoders and decoders are several times faster than JavaScript loops or TextDecoder on the
 * sizes the printer and scanner handle (see docs/performance.md); each user keeps a portable path beside it.
 */

/** A Buffer viewing existing memory: what the grammar writes into and decodes from. */
export interface BufferView extends Uint8Array {
  write(text: string, offset: number, encoding: string): number;
  toString(encoding?: string, start?: number, end?: number): string;
  equals(other: Uint8Array): boolean;
}

/** The part of Node's Buffer class the grammar uses. */
export interface NodeBufferClass {
  allocUnsafeSlow(size: number): Uint8Array;
  from(memory: ArrayBuffer, offset: number, length: number): BufferView;
  from(text: string, encoding: string): Uint8Array;
  byteLength(text: string, encoding: string): number;
}

export const NodeBuffer: NodeBufferClass | undefined = (globalThis as { Buffer?: NodeBufferClass }).Buffer;
