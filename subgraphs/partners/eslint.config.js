export { default } from '../../tests/eslint.base.js';
