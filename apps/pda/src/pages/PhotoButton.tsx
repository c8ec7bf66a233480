/** A large camera button (the phone's rear camera, or a picture from the gallery). */
export function PhotoButton({ label, onFile, testId = 'photo-input' }: { label: string; onFile: (f: File | undefined) => void; testId?: string }) {
  return (
    <label
      className="adm-button adm-button-default adm-button-block adm-button-large"
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
    >
      {label}
      <input type="file" accept="image/*" capture="environment" hidden onChange={(e) => onFile(e.target.files?.[0])} data-testid={testId} />
    </label>
  );
}
