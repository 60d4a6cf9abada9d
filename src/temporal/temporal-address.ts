/** Where Temporal is when TEMPORAL_ADDRESS is not set (the dev server `npm start` runs). */
export const TEMPORAL_DEFAULT_ADDRESS = '127.0.0.1:7233';
