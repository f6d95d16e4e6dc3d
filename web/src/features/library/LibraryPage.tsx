/** Placeholder: replaced by the feature's real page. */
export default function LibraryPage() {
  return <div className="page"><h1>LibraryPage</h1></div>;
}
