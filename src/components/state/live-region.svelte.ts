/**
 * What the islands tell screen-reader users: the text of their polite live region (the visually
 * hidden `aria-live` element) and where focus goes next.
 */
import { tick } from 'svelte';

/** The live region's text; render `{live.text}` inside the aria-live element. */
export class LiveRegion {
  text = $state('');

  /** Says `text` (cleared first, so a repeated text is read again). */
  async say(text: string): Promise<void> {
    this.text = '';
    await tick();
    this.text = text;
  }
}

/** Moves focus to the element with this id once the DOM has caught up. */
export async function focusById(id: string): Promise<void> {
  await tick();
  document.getElementById(id)?.focus();
}
