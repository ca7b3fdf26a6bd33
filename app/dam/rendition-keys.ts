// Rendition keys, the two kinds named apart:
// - the cache key (`renditionCacheKey`) says which rendition it is: master hash + profile id and version, unique per
//   shop in the Rendition table; the same master and profile version always give the same key;
// - the storage path (`renditionStoragePath`) says where its bytes are: under the shop's rendition folder, so
//   erasing the shop removes them with its masters.
import { checkKey } from "./storage/keys";

/** What names a rendition profile: its id and version (a new version renders again). */
export interface RenditionProfileRef {
  id: string;
  version: number;
}

/** `<id>.v<version>`: a channel profile's name in both keys. */
export const profileName = (profile: RenditionProfileRef): string =>
  `${profile.id}.v${profile.version}`;

/** The key a channel rendition is cached under (Rendition.key, unique per shop). */
export function renditionCacheKey(
  masterSha256: string,
  profile: RenditionProfileRef,
): string {
  return `${masterSha256}.${profileName(profile)}`;
}

/** The storage path of a rendition of a master, by the master's hash and the rendition's name (library or channel). */
export function renditionStoragePath(
  shop: string,
  sha256: string,
  name: string,
  extension: string,
): string {
  return checkKey(
    `renditions/${shop}/${sha256.slice(0, 2)}/${sha256}/${name}.${extension}`,
  );
}
