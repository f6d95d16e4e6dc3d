/** Placeholder: replaced by the feature's real page. */
export default function LoginPage() {
  return <div className="page"><h1>LoginPage</h1></div>;
}
