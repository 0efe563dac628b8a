/** An upload refused for a reason the uploader can fix; `status` is the HTTP status to answer with. */
export class UploadError extends Error {
  override name = 'UploadError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}
