/** Permission codes of the archive module (影像档案), shared by server and console. */
export const ARCHIVE_P = {
  menu: 'archive',
  capture: 'archive:capture',
  view: 'archive:view',
  download: 'archive:download',
  print: 'archive:print',
  warnings: 'archive:warnings',
  stats: 'archive:stats',
  catalogue: 'archive:catalogue',
  hold: 'archive:hold',
  dispose: 'archive:dispose',
} as const;
