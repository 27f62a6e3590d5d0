export const framework = {};
