import { Allowed } from "../../src/components/Shell";
import { Tickets } from "../../src/components/tickets/Tickets";

export default function Page() {
  return (
    <Allowed entry={["Query.ticketSla", "Query.ticket"]}>
      <Tickets />
    </Allowed>
  );
}
