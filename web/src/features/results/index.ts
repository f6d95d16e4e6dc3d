/** Query results renderers (used by Explore). */
export { Results, type ResultsProps, type AddFilter } from './Results';
export { detectShape, type Shape } from './shape';
