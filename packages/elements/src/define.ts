/** Registers every element's tag: `import '@meeting-scheduler/elements/define'`. */
import { registerElements } from './internal/register.js';

registerElements();
