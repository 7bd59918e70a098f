import { QaConsole } from "../../src/components/qa/QaConsole";
import { Allowed } from "../../src/components/Shell";

export default function Page() {
  return (
    <Allowed entry="Query.liveContacts">
      <QaConsole />
    </Allowed>
  );
}
