import type { Page } from 'playwright-core';

/**
 * Layout checks run inside a loaded page: what a reader at a given width would see as broken. Each
 * check returns readable problems (empty when the page is fine), so a failing test names the element.
 * The in-page functions are self-contained: Playwright serialises them into the page, so they may not
 * use anything from this module's scope.
 */

export interface LayoutReport {
  /** The page scrolls sideways, or an element sticks out of the viewport outside a scroll container. */
  overflow: string[];
  /** A code element (an id, a command, a path) whose text breaks onto a new line inside a token. */
  midTokenBreaks: string[];
  /** Rendered font sizes (CSS px at the page's zoom) of the visible text of the dependency picture. */
  pictureTextSizes: number[];
}

export async function layoutReport(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const describe = (element: Element): string => {
      const id = element.id ? `#${element.id}` : '';
      const classes = [...element.classList]
        .slice(0, 2)
        .map((name) => `.${name}`)
        .join('');
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `<${element.tagName.toLowerCase()}${id}${classes}>${text ? ` "${text}"` : ''}`;
    };
    const clipsOverflow = (element: Element): boolean =>
      ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(element).overflowX);
    /** Screen-reader-only text (clipped to nothing) and closed or invisible parts are not seen. */
    const unseen = (element: Element): boolean => {
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none') return true;
      const box = element.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) return true;
      return style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)';
    };

    /** Horizontal extent of the text and replaced content (images, pictures, controls) an element shows. */
    const shownExtent = (element: Element): { left: number; right: number } | undefined => {
      let left = Number.POSITIVE_INFINITY;
      let right = Number.NEGATIVE_INFINITY;
      const add = (box: DOMRect) => {
        if (box.width <= 0 || box.height <= 0) return;
        left = Math.min(left, box.left);
        right = Math.max(right, box.right);
      };
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let node: Node | null = element; node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) {
          if (!(node.textContent ?? '').trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          add(range.getBoundingClientRect());
        } else if (/^(img|svg|video|canvas|iframe|input|button|select|textarea)$/i.test((node as Element).tagName)) {
          if (!unseen(node as Element)) add((node as Element).getBoundingClientRect());
        }
      }
      return right > left ? { left, right } : undefined;
    };

    const overflow: string[] = [];
    const pageWidth = document.documentElement.scrollWidth;
    if (pageWidth > viewport + 1)
      overflow.push(`the page scrolls sideways: ${pageWidth}px wide in a ${viewport}px viewport`);
    const reported = new Set<Element>();
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.right <= viewport + 1 && box.left >= -1) continue;
      if (unseen(element)) continue;
      // A box wider than what it shows (Starlight's table-of-contents column) hides nothing: judge what it shows.
      const shown = shownExtent(element);
      if (!shown || (shown.right <= viewport + 1 && shown.left >= -1)) continue;
      let ancestor = element.parentElement;
      let contained = false;
      let insideReported = false;
      while (ancestor && ancestor !== document.body) {
        if (reported.has(ancestor)) insideReported = true;
        // Inside a scroll container (or a clipping box) that fits the viewport, the element is seen scrolled.
        if (clipsOverflow(ancestor)) {
          const frame = ancestor.getBoundingClientRect();
          if (frame.right <= viewport + 1 && frame.left >= -1) contained = true;
        }
        ancestor = ancestor.parentElement;
      }
      if (contained || insideReported) continue;
      reported.add(element);
      overflow.push(
        `${describe(element)} spans ${Math.round(box.left)}..${Math.round(box.right)}px, outside the ${viewport}px viewport and not in a scroll container`,
      );
    }

    /**
     * A line break inside a code element is fine between tokens (after whitespace, or where the markup
     * offers a break with <wbr>); between two non-space characters of one text run it splits a token.
     */
    const midTokenBreaks: string[] = [];
    for (const code of document.querySelectorAll('main code, main .id-token')) {
      if (unseen(code)) continue;
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      let previous: { char: string; top: number; height: number } | undefined;
      let breakOffered = false;
      scan: for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          // <wbr> offers a break; so does the start of a block, such as each line of a highlighted code block.
          if ((node as Element).tagName === 'WBR' || !getComputedStyle(node as Element).display.startsWith('inline'))
            breakOffered = true;
          continue;
        }
        const text = node.textContent ?? '';
        for (let index = 0; index < text.length; index += 1) {
          const range = document.createRange();
          range.setStart(node, index);
          range.setEnd(node, index + 1);
          const box = range.getBoundingClientRect();
          const char = text[index] ?? '';
          if (box.width === 0 && box.height === 0) {
            // A collapsed newline or space still separates tokens.
            if (/\s/.test(char)) breakOffered = true;
            continue;
          }
          if (previous && box.top > previous.top + previous.height / 2) {
            const betweenTokens = /\s/.test(previous.char) || /\s/.test(char) || breakOffered;
            if (!betweenTokens) {
              const full = (code.textContent ?? '').replace(/\s+/g, ' ').trim();
              midTokenBreaks.push(
                `${describe(code.parentElement ?? code)}: \`${full.slice(0, 60)}\` breaks inside a token between "${previous.char}" and "${char}"`,
              );
              break scan;
            }
          }
          previous = { char, top: box.top, height: box.height };
          breakOffered = false;
        }
      }
    }

    const pictureTextSizes: number[] = [];
    for (const text of document.querySelectorAll<SVGTextElement>('svg.dependency-graph text')) {
      if (unseen(text)) continue;
      const scale = text.getScreenCTM()?.a ?? 1;
      pictureTextSizes.push(Math.round(parseFloat(getComputedStyle(text).fontSize) * scale * 10) / 10);
    }
    return { overflow, midTokenBreaks, pictureTextSizes };
  });
}
