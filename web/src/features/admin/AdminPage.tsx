/** Placeholder: replaced by the feature's real page. */
export default function AdminPage() {
  return <div className="page"><h1>AdminPage</h1></div>;
}
