import { FormControl } from '@angular/forms';
import { notBlank } from './not-blank';

describe('notBlank', () => {
  it('is required for empty, blank or null text, and passes any other', () => {
    expect(notBlank(new FormControl(''))).toEqual({ required: true });
    expect(notBlank(new FormControl('  \n '))).toEqual({ required: true });
    expect(notBlank(new FormControl(null))).toEqual({ required: true });
    expect(notBlank(new FormControl(' motif '))).toBeNull();
  });
});
