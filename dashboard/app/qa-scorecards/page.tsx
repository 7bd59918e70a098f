import { QaScorecards } from "../../src/components/qa-scorecards/QaScorecards";
import { Allowed } from "../../src/components/Shell";

export default function Page() {
  return (
    <Allowed entry="Query.qaScorecards">
      <QaScorecards />
    </Allowed>
  );
}
