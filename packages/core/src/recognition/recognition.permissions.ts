/** Permission codes of the 图像识别 module (server guards, console shows). ID results are personal data: separate grants from plates. */
export const RECOGNITION_P = {
  menu: 'recognition',
  workbench: 'recognition:workbench',
  plate: 'recognition:plate',
  idNumber: 'recognition:id-number',
  idCard: 'recognition:id-card',
  invoice: 'recognition:invoice',
  licence: 'recognition:licence',
  importCertificate: 'recognition:import-certificate',
  classify: 'recognition:classify',
  materials: 'recognition:materials',
  recapture: 'recognition:recapture',
} as const;
