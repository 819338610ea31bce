/**
 * Slack gives every block a `block_id`: a block the app sent without one comes back (in the stored message
 * or view, in `chat.postMessage`'s `message`, in payloads) with a short generated id, so that a click on one
 * of its elements names its block like any other.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A generated block_id in the style of Slack's own (a few letters and digits, e.g. `Xq3zR`). */
function generatedBlockId(): string {
  let id = '';
  for (const byte of randomBytes(5)) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

const hasId = (block: unknown): boolean =>
  typeof block === 'object' &&
  block !== null &&
  typeof (block as { block_id?: unknown }).block_id === 'string' &&
  (block as { block_id: string }).block_id !== '';

/**
 * The blocks as Slack stores them: each block without a `block_id` gets a new one, unique in the list.
 * Returns a new array (and new objects for the blocks it changes); the input is left as it was.
 */
export function withBlockIds(blocks: readonly unknown[]): unknown[] {
  const taken = new Set(blocks.filter(hasId).map((b) => (b as { block_id: string }).block_id));
  return blocks.map((block) => {
    if (typeof block !== 'object' || block === null || Array.isArray(block) || hasId(block)) return block;
    let id = generatedBlockId();
    while (taken.has(id)) id = generatedBlockId();
    taken.add(id);
    return { ...block, block_id: id };
  });
}
