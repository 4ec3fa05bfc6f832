import { optionalTextControl, requiredControl, requiredDateControl, requiredTextControl } from './form-controls';

describe('form controls', () => {
  it('requiredTextControl: filled and not too long, never null', () => {
    const control = requiredTextControl('', 5);
    expect(control.errors).toEqual({ required: true });
    control.setValue('abcdef');
    expect(control.errors).toEqual({ maxlength: { requiredLength: 5, actualLength: 6 } });
    control.reset();
    expect(control.value).toBe('');
  });

  it('optionalTextControl: empty allowed, not too long', () => {
    const control = optionalTextControl('', 5);
    expect(control.valid).toBeTrue();
    control.setValue('abcdef');
    expect(control.errors).toEqual({ maxlength: { requiredLength: 5, actualLength: 6 } });
  });

  it('requiredControl: null until a value is given', () => {
    const control = requiredControl<number>(null);
    expect(control.errors).toEqual({ required: true });
    control.setValue(3);
    expect(control.valid).toBeTrue();
  });

  it('requiredDateControl: the local day of a YYYY-MM-DD value, required', () => {
    expect(requiredDateControl('2026-03-09').value).toEqual(new Date(2026, 2, 9));
    const empty = requiredDateControl(undefined);
    expect(empty.value).toBeNull();
    expect(empty.errors).toEqual({ required: true });
  });
});
