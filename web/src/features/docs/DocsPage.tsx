/** Placeholder: replaced by the feature's real page. */
export default function DocsPage() {
  return <div className="page"><h1>DocsPage</h1></div>;
}
