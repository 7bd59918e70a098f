import { Customers } from "../../src/components/customers/Customers";
import { Allowed } from "../../src/components/Shell";

export default function Page() {
  return (
    <Allowed entry="Query.customer">
      <Customers />
    </Allowed>
  );
}
