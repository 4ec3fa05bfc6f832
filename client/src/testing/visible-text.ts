/** Text of the page as a reader sees it, for the specs. */

/** The words a reader sees, icons left out (their ligature text is not shown), spaces (U+00A0 included) squashed to one between elements. */
export function words(element: Element): string {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest('mat-icon')) parts.push(node.textContent ?? '');
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** A text with its runs of white space (U+00A0 included) squashed to one space, trimmed. */
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
