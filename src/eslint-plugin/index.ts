// ESLint flat-config plugin `leaklens` (filled in by the linter work).
export default { meta: { name: 'leaklens' }, rules: {} };
