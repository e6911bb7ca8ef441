import { InputError, phoneNumber } from '../nodes/Diga/helpers/validation';
import fc from 'fast-check';
test('x', () => {
  expect(() => phoneNumber('x')).toThrow(expect.objectContaining({ parameter: 'Phone Number', hint: expect.stringMatching(/\S/) }));
  expect(() => phoneNumber('x')).toThrow(expect.objectContaining({ parameter: 'Nope' }));
});
test('arbs', () => {
  console.log(fc.sample(fc.ipV6(), 20), fc.sample(fc.domain(), 10), fc.sample(fc.uuid(), 3), fc.sample(fc.anything(), 10));
  void InputError;
});
