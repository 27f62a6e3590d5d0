export const overview = {
  checkFailed: "De controle kon niet worden uitgevoerd: ",
};
