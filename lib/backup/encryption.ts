import "server-only";
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { open, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";

/**
 * The encrypted backup file (docs/decisions/0022-backups.md): a header, then the SQLite copy
 * encrypted with AES-256-GCM, streamed (a database of any size never sits in memory).
 *
 *   offset  size  field
 *   0       8     magic « PTICSAUV »
 *   8       1     format version (1)
 *   9       16    salt: the file's key is HKDF-SHA256(BACKUP_KEY, salt)
 *   25      12    GCM nonce
 *   37      16    GCM tag (written once the whole copy is encrypted)
 *   53      8     key check: HMAC(file key, "verification")[0..8], to tell a wrong key from a tampered file
 *   61      4     length N of the metadata (uint32, big-endian)
 *   65      N     metadata, JSON in clear (date, migrations, rows and checksum per table)
 *   65 + N  …     ciphertext
 *
 * Everything in the header but the tag is authenticated as GCM's additional data: changing a
 * byte anywhere (metadata included) makes the file refused.
 */

const MAGIC = Buffer.from("PTICSAUV", "latin1");
export const BACKUP_FORMAT_VERSION = 1;
const SALT = { at: 9, size: 16 };
const NONCE = { at: 25, size: 12 };
const TAG = { at: 37, size: 16 };
const CHECK = { at: 53, size: 8 };
const META_LENGTH_AT = 61;
const FIXED_HEADER = 65;
const MAX_METADATA = 1 << 20;

export class BackupFileError extends Error {
  override name = "BackupFileError";
}

function fileKey(secret: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), salt, "portail-tic sauvegarde v1", 32));
}

function keyCheck(key: Buffer): Buffer {
  return createHmac("sha256", key).update("verification").digest().subarray(0, CHECK.size);
}

/** The header's authenticated part: every byte but the tag. */
function additionalData(header: Buffer): Buffer {
  return Buffer.concat([header.subarray(0, TAG.at), header.subarray(TAG.at + TAG.size)]);
}

/** Encrypts `plainFile` into `encryptedFile` (created 0600, must not exist). */
export async function encryptFile(plainFile: string, encryptedFile: string, secret: string, metadata: unknown): Promise<void> {
  const salt = randomBytes(SALT.size);
  const nonce = randomBytes(NONCE.size);
  const key = fileKey(secret, salt);
  const meta = Buffer.from(JSON.stringify(metadata), "utf8");
  const header = Buffer.alloc(FIXED_HEADER + meta.length);
  MAGIC.copy(header, 0);
  header.writeUInt8(BACKUP_FORMAT_VERSION, 8);
  salt.copy(header, SALT.at);
  nonce.copy(header, NONCE.at);
  keyCheck(key).copy(header, CHECK.at);
  header.writeUInt32BE(meta.length, META_LENGTH_AT);
  meta.copy(header, FIXED_HEADER);

  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(additionalData(header));
  try {
    const file = await open(encryptedFile, "wx", 0o600);
    await file.write(header, 0, header.length, 0).finally(() => file.close());
    await pipeline(createReadStream(plainFile), cipher, createWriteStream(encryptedFile, { flags: "r+", start: header.length }));
    const done = await open(encryptedFile, "r+");
    try {
      await done.write(cipher.getAuthTag(), 0, TAG.size, TAG.at);
      await done.sync();
    } finally {
      await done.close();
    }
  } catch (error) {
    await rm(encryptedFile, { force: true });
    throw error;
  }
}

export type BackupHeader<M> = { version: number; metadata: M; header: Buffer };

/** Reads and checks the header (magic, version, metadata); the metadata is authenticated only by decryptFile. */
export async function readBackupHeader<M>(encryptedFile: string): Promise<BackupHeader<M>> {
  const file = await open(encryptedFile, "r");
  try {
    const fixed = Buffer.alloc(FIXED_HEADER);
    const { bytesRead } = await file.read(fixed, 0, FIXED_HEADER, 0);
    if (bytesRead < FIXED_HEADER || !fixed.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new BackupFileError("ce fichier n'est pas une sauvegarde du Portail TIC");
    }
    const version = fixed.readUInt8(8);
    if (version !== BACKUP_FORMAT_VERSION) {
      throw new BackupFileError(`format de sauvegarde ${version} inconnu de cette version du portail (attendu : ${BACKUP_FORMAT_VERSION})`);
    }
    const length = fixed.readUInt32BE(META_LENGTH_AT);
    // An unreadable header is a changed or damaged file as much as a failed authentication is.
    if (length > MAX_METADATA) throw new BackupFileError("la sauvegarde a été modifiée ou abîmée depuis sa création (en-tête illisible)");
    const meta = Buffer.alloc(length);
    if ((await file.read(meta, 0, length, FIXED_HEADER)).bytesRead < length) throw new BackupFileError("sauvegarde tronquée");
    let metadata: M;
    try {
      metadata = JSON.parse(meta.toString("utf8")) as M;
    } catch {
      throw new BackupFileError("la sauvegarde a été modifiée ou abîmée depuis sa création (en-tête illisible)");
    }
    return { version, metadata, header: Buffer.concat([fixed, meta]) };
  } finally {
    await file.close();
  }
}

/**
 * Decrypts `encryptedFile` into `plainFile` (created 0600, must not exist). GCM releases bytes
 * before the tag is checked: `plainFile` is only left in place once the whole file is
 * authenticated, else removed, and a BackupFileError says why.
 */
export async function decryptFile<M>(encryptedFile: string, plainFile: string, secret: string): Promise<M> {
  const { metadata, header } = await readBackupHeader<M>(encryptedFile);
  const key = fileKey(secret, header.subarray(SALT.at, SALT.at + SALT.size));
  if (!timingSafeEqual(keyCheck(key), header.subarray(CHECK.at, CHECK.at + CHECK.size))) {
    throw new BackupFileError("la clé BACKUP_KEY n'est pas celle qui a chiffré cette sauvegarde");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, header.subarray(NONCE.at, NONCE.at + NONCE.size));
  decipher.setAAD(additionalData(header));
  decipher.setAuthTag(header.subarray(TAG.at, TAG.at + TAG.size));
  try {
    await (await open(plainFile, "wx", 0o600)).close();
    await pipeline(createReadStream(encryptedFile, { start: header.length }), decipher, createWriteStream(plainFile, { flags: "r+" }));
    const out = await open(plainFile, "r");
    await out.sync().finally(() => out.close());
  } catch (error) {
    await rm(plainFile, { force: true });
    if (error instanceof Error && /auth|unable to authenticate/i.test(error.message)) {
      throw new BackupFileError("la sauvegarde a été modifiée ou abîmée depuis sa création (authentification refusée)");
    }
    throw error;
  }
  return metadata;
}
