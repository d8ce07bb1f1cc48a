// A drag and drop as the page sees it, through synthetic HTML5 drag events. Headless Chromium starts
// no drag session from Playwright's mouse (locator.dragTo moves the pointer, but the workbench never
// gets a dragstart), so this dispatches the events a browser would: dragstart on the source,
// dragenter and dragover on the target, drop on the target, dragend on the source, all carrying one
// DataTransfer made in the page. VS Code's list drag and drop (src/vs/base/browser/ui/list/listView.ts
// in microsoft/vscode) reads event.dataTransfer and keeps the dragged elements in memory between
// dragstart and drop, and the editor's drop handling reads clientX/clientY, so both work with it.
import type { JSHandle, Locator, Page } from 'playwright-core';

/** The page's DataTransfer, as far as these helpers use it (the tests compile without the DOM library). */
export interface PageDataTransfer {
  readonly types: readonly string[];
  getData(format: string): string;
}

export interface Point {
  x: number;
  y: number;
}

export interface DragAndDropOptions {
  /** Where the pointer is over the target for dragenter, dragover and drop (client coordinates); default its center. */
  at?: Point;
  /**
   * How many dragover events to send before the drop, `overPauseMs` apart. A browser sends one every
   * few hundred milliseconds while the pointer rests; a target may wait for a few (a tree expands a
   * folder held over it after a delay).
   */
  overCount?: number;
  overPauseMs?: number;
  /** Called with the page's DataTransfer after dragstart, e.g. to read what the source put in it. */
  afterDragStart?: (dataTransfer: JSHandle<PageDataTransfer>) => Promise<void>;
  /** Called while the drag is held over the target, before the drop (e.g. for a screenshot of the drop feedback). */
  beforeDrop?: () => Promise<unknown>;
}

async function centerOf(locator: Locator, what: string): Promise<Point> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`The drag's ${what} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The MIME types the page's DataTransfer holds (what the drag source offered). */
export function dataTransferTypes(dataTransfer: JSHandle<PageDataTransfer>): Promise<string[]> {
  return dataTransfer.evaluate((transfer) => [...transfer.types]);
}

/** Drags `source` onto `target` (any elements of the page) with synthetic HTML5 drag events. */
export async function dragAndDrop(page: Page, source: Locator, target: Locator, options: DragAndDropOptions = {}): Promise<void> {
  await source.scrollIntoViewIfNeeded();
  const from = await centerOf(source, 'source');
  // dragend goes to the element the drag started on, even when the drop has re-rendered or moved it.
  const sourceElement = await source.elementHandle();
  const dataTransfer = await page.evaluateHandle(
    () => new (globalThis as unknown as { DataTransfer: new () => PageDataTransfer }).DataTransfer(),
  );
  try {
    if (!sourceElement) throw new Error("The drag's source is not in the page");
    await sourceElement.dispatchEvent('dragstart', { dataTransfer, clientX: from.x, clientY: from.y });
    await options.afterDragStart?.(dataTransfer);
    await target.scrollIntoViewIfNeeded();
    const at = options.at ?? (await centerOf(target, 'target'));
    const over = { dataTransfer, clientX: at.x, clientY: at.y };
    await target.dispatchEvent('dragenter', over);
    for (let i = 0; i < (options.overCount ?? 3); i++) {
      await target.dispatchEvent('dragover', over);
      await page.waitForTimeout(options.overPauseMs ?? 100);
    }
    await options.beforeDrop?.();
    await target.dispatchEvent('drop', over);
    await sourceElement.dispatchEvent('dragend', { dataTransfer, clientX: at.x, clientY: at.y });
  } finally {
    await dataTransfer.dispose();
    await sourceElement?.dispose();
  }
}
