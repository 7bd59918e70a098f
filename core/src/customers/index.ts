export { CustomerDirectory, phoneKey, type RecognizeCustomer } from "./directory";
export { type CustomerRecord, customerRecordSchema } from "./record";
export {
  type DirectoryChange,
  decodeCustomer,
  type FollowedDirectory,
  followCustomers,
  publishCustomers,
} from "./topic";
