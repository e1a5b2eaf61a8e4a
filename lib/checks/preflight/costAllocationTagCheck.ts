/**
 * The tag the budget and the anomaly monitor filter on is an active cost-allocation tag. Not a
 * blocker: the deploy succeeds either way, but until the tag is active both see no cost. A tag key
 * appears in Cost Explorer's list only once resources carry it, up to 24 hours after the first deploy
 * (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/activating-tags.html), so before a
 * first deploy "absent" is expected and says what to do afterwards.
 * API: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_ListCostAllocationTags.html
 */
import { ListCostAllocationTagsCommand } from "@aws-sdk/client-cost-explorer";
import { COST_ALLOCATION_TAG_KEY } from "../../design/costGuardrails";
import { pass, warn } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { PreflightContext } from "./preflightContext";

const ACTIVATE =
  `activate it in the Billing and Cost Management console (Cost allocation tags, https://console.aws.amazon.com/billing/home#/tags) ` +
  `or with \`aws ce update-cost-allocation-tags-status --cost-allocation-tags-status TagKey=${COST_ALLOCATION_TAG_KEY},Status=Active\` ` +
  "(from the management account in an organization); until then the budget and the anomaly monitor see no cost";

export const costAllocationTagCheck: CheckDefinition<PreflightContext> = {
  id: "account.costAllocationTag",
  title: "Cost-allocation tag",
  failureClass: "account",
  permissions: ["ce:ListCostAllocationTags"],
  async run({ clients }) {
    const answer = await clients.costExplorer.send(
      new ListCostAllocationTagsCommand({ TagKeys: [COST_ALLOCATION_TAG_KEY], Type: "UserDefined" }),
    );
    const tag = answer.CostAllocationTags?.find((t) => t.TagKey === COST_ALLOCATION_TAG_KEY);
    const expected = "Active (the budget and the anomaly monitor filter on it)";
    if (tag === undefined) {
      return [
        warn(
          COST_ALLOCATION_TAG_KEY,
          expected,
          "not listed yet: a tag key appears only after resources carry it, up to 24 hours after the first deploy",
          `after the first deploy, ${ACTIVATE}`,
        ),
      ];
    }
    return tag.Status === "Active"
      ? [pass(COST_ALLOCATION_TAG_KEY, expected, "Active")]
      : [warn(COST_ALLOCATION_TAG_KEY, expected, String(tag.Status), ACTIVATE)];
  },
};
