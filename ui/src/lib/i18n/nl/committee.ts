export const committee = {};
