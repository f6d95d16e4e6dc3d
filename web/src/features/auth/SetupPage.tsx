/** Placeholder: replaced by the feature's real page. */
export default function SetupPage() {
  return <div className="page"><h1>SetupPage</h1></div>;
}
