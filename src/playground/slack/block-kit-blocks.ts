/**
 * Layout blocks: known types per surface, unique `block_id`s, and the limits of each block type.
 */
import { checkElement } from './block-kit-elements.js';
import { checkArray, checkString, checkText, type Issues, isRecord } from './block-kit-text.js';

/** The surface a list of blocks is shown on. */
export type Surface = 'message' | 'modal' | 'home';

/** Blocks per surface (docs: 50 in a message, 100 in a modal or Home tab). */
export const MAX_BLOCKS: Readonly<Record<Surface, number>> = { message: 50, modal: 100, home: 100 };

const EVERYWHERE = [
  'section',
  'header',
  'divider',
  'context',
  'actions',
  'input',
  'image',
  'rich_text',
  'video',
];
const KNOWN_BLOCKS: Readonly<Record<Surface, ReadonlySet<string>>> = {
  message: new Set([...EVERYWHERE, 'file', 'markdown', 'table', 'context_actions']),
  modal: new Set(EVERYWHERE),
  home: new Set(EVERYWHERE),
};

type BlockCheck = (block: Record<string, unknown>, path: string, out: Issues) => void;

const BLOCK_CHECKS: Readonly<Record<string, BlockCheck>> = {
  section: (block, path, out) => {
    if (block.text === undefined && block.fields === undefined)
      out.push({ path, message: 'must provide text or fields' });
    checkText(block.text, `${path}/text`, out, { max: 3000 });
    checkArray(block.fields, `${path}/fields`, out, { max: 10, min: 1 }).forEach((field, i) => {
      checkText(field, `${path}/fields/${i}`, out, { max: 2000, required: true });
    });
    if (block.accessory !== undefined) checkElement(block.accessory, `${path}/accessory`, out, 'accessory');
  },
  header: (block, path, out) => {
    checkText(block.text, `${path}/text`, out, { max: 150, plainOnly: true, required: true });
  },
  context: (block, path, out) => {
    checkArray(block.elements, `${path}/elements`, out, { max: 10, min: 1, required: true }).forEach(
      (el, i) => {
        const elPath = `${path}/elements/${i}`;
        if (isRecord(el) && el.type === 'image') checkElement(el, elPath, out, 'accessory');
        else checkText(el, elPath, out, { max: 3000, required: true });
      },
    );
  },
  actions: (block, path, out) => {
    checkArray(block.elements, `${path}/elements`, out, { max: 25, min: 1, required: true }).forEach(
      (el, i) => {
        checkElement(el, `${path}/elements/${i}`, out, 'actions');
      },
    );
  },
  input: (block, path, out) => {
    checkText(block.label, `${path}/label`, out, { max: 2000, plainOnly: true, required: true });
    checkText(block.hint, `${path}/hint`, out, { max: 2000, plainOnly: true });
    if (block.element === undefined) out.push({ path: `${path}/element`, message: 'is required' });
    else checkElement(block.element, `${path}/element`, out, 'input');
  },
  image: (block, path, out) => {
    if (block.slack_file === undefined)
      checkString(block.image_url, `${path}/image_url`, out, { max: 3000, required: true });
    checkString(block.alt_text, `${path}/alt_text`, out, { max: 2000, required: true });
    checkText(block.title, `${path}/title`, out, { max: 2000, plainOnly: true });
  },
  video: (block, path, out) => {
    checkText(block.title, `${path}/title`, out, { max: 200, plainOnly: true, required: true });
    checkString(block.video_url, `${path}/video_url`, out, { max: 3000, required: true });
    checkString(block.alt_text, `${path}/alt_text`, out, { max: 2000, required: true });
  },
  rich_text: (block, path, out) => {
    checkArray(block.elements, `${path}/elements`, out, { max: 1000, required: true });
  },
  markdown: (block, path, out) => {
    checkString(block.text, `${path}/text`, out, { max: 12000, min: 1, required: true });
  },
};

/**
 * Checks a list of blocks for one surface: count, known types, `block_id` length and uniqueness, and the
 * limits of each block. `path` is the JSON pointer of the list (`/blocks`, `/view/blocks`).
 */
export function checkBlocks(blocks: unknown, path: string, out: Issues, surface: Surface): void {
  const list = checkArray(blocks, path, out, { max: MAX_BLOCKS[surface] });
  const seen = new Set<string>();
  list.forEach((block, i) => {
    const blockPath = `${path}/${i}`;
    if (!isRecord(block)) {
      out.push({ path: blockPath, message: 'must be a block object' });
      return;
    }
    const type = String(block.type);
    if (!KNOWN_BLOCKS[surface].has(type)) {
      out.push({ path: `${blockPath}/type`, message: `unsupported type: ${type}` });
      return;
    }
    if (checkString(block.block_id, `${blockPath}/block_id`, out, { max: 255, min: 1 })) {
      if (seen.has(block.block_id))
        out.push({ path: `${blockPath}/block_id`, message: `duplicate block_id: ${block.block_id}` });
      seen.add(block.block_id);
    }
    BLOCK_CHECKS[type]?.(block, blockPath, out);
  });
}
