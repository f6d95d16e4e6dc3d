/** Placeholder: replaced by the feature's real page. */
export default function TokensPage() {
  return <div className="page"><h1>TokensPage</h1></div>;
}
