import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { IconAction } from './icon-action';

/** The « attach » icon button of a table row: it opens the file picker and gives the file chosen (the picker is emptied, to choose the same file again). */
@Component({
  selector: 'app-file-action',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconAction],
  template: `
    <input #file type="file" [accept]="accept()" hidden (change)="pick(file)" />
    <app-icon-action icon="attach_file" [tooltip]="tooltip()" [label]="label()" (pressed)="file.click()" />
  `,
})
export class FileAction {
  readonly label = input.required<string>();
  readonly tooltip = input.required<string>();
  /** The file types offered (PDF by default). */
  readonly accept = input('application/pdf,.pdf');
  readonly picked = output<File>();

  protected pick(picker: HTMLInputElement): void {
    const file = picker.files?.[0];
    picker.value = '';
    if (file) this.picked.emit(file);
  }
}
