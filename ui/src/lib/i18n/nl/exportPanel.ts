export const exportPanel = {};
