import { Allowed } from "../../src/components/Shell";
import { ServiceLevel } from "../../src/components/service/ServiceLevel";

export default function Page() {
  return (
    <Allowed entry="Query.serviceLevel">
      <ServiceLevel />
    </Allowed>
  );
}
