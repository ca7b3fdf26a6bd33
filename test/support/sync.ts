// The sync-engine tests' builders, kept under their old import path: they live in test/support/factories/.
export {
  createAsset,
  createLinkedImage,
  replaceAsset,
} from "./factories/asset";
export { mirrorFromEmulator } from "./factories/product";
