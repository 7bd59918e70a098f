import type { Principal } from "./auth/api-keys";
import type { Services } from "./services/services";

/** What every resolver gets: who is asking (checked once per request or connection) and the services. */
export interface ApiContext {
  principal: Principal;
  services: Services;
}
