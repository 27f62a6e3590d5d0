export const reassessment = {};
