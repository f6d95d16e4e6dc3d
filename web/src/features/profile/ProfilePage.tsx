/** Placeholder: replaced by the feature's real page. */
export default function ProfilePage() {
  return <div className="page"><h1>ProfilePage</h1></div>;
}
