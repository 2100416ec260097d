/**
 * How records leave the device: the trainee's or trainer's own download of a file (attempt and
 * replies files, result files, CSV exports). Browser only.
 */

/** Starts a download of `text` as a file named `name`. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
