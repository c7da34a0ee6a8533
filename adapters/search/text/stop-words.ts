/**
 * Words that say nothing about which tool is meant: English function words, and the filler of
 * requests to an assistant ("can you please ...", "I want to ..."). Dropped from queries and
 * from tool texts alike.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren as at be because been before being below between both but by
  can cannot could did do does doing down during each few for from further had has have having he her here hers herself him
  himself his how i if in into is it its itself just let me more most my myself no nor not of off on once only or other ought
  our ours ourselves out over own same shall she should so some such than that the their theirs them themselves then there
  these they this those through to too under until up very was we were what when where which while who whom why will with
  would you your yours yourself yourselves also etc via per e g ie eg
  please pls kindly want wanna need needs like would could might must may maybe just really something anything everything
  someone anyone thing things stuff hey hi hello thanks thank okay ok`
    .split(/\s+/)
    .filter(Boolean),
);
