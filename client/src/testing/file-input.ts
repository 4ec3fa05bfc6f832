import type { ComponentFixture } from '@angular/core/testing';

/** A file named `name` holding `content`, or `size` zero bytes when a size is given. */
export function aFile(name: string, content: BlobPart, size?: number): File {
  return size === undefined ? new File([content], name) : new File([new Uint8Array(size)], name);
}

/** Chooses `file` through the component's file input, as the browser does, then lets the fixture settle. */
export async function chooseFile<T>(fixture: ComponentFixture<T>, file: File): Promise<File> {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  const picker = (fixture.nativeElement as HTMLElement).querySelector('input[type=file]') as HTMLInputElement;
  picker.files = transfer.files;
  picker.dispatchEvent(new Event('change'));
  await fixture.whenStable();
  return file;
}

/** An element's text with its runs of white space folded, as a reader sees it. */
export const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
