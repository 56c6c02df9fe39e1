/** Help: what ReconLens sees, and what it does not see yet, so that "no alerts" is never read as "no recon". */
export function Help() {
  return (
    <article style={{ maxWidth: 820 }}>
      <h1>Help</h1>
      <h2>What ReconLens detects</h2>
      <ul>
        <li>
          <b>2003 Account enumeration</b>: a computer asks the KDC (Kerberos AS-REQ) about many names and too many are unknown.
        </li>
        <li>
          <b>2007 Network mapping (DNS)</b>: a computer that is not a DNS server asks for a zone transfer (AXFR or IXFR).
        </li>
        <li>
          <b>2012 User and IP address reconnaissance (SMB)</b>: a computer lists the SMB sessions of a domain controller (NetrSessionEnum).
        </li>
        <li>
          <b>2021 User and group membership reconnaissance (SAMR)</b>: after a learning period per DC, a computer makes a SAMR query it was not seen making while learning.
        </li>
      </ul>
      <h2>What ReconLens does not see yet</h2>
      <ul>
        <li>
          <b>LDAP and CLDAP enumeration</b> (BloodHound's LDAP collection, ldapsearch, PowerView): not decoded.
        </li>
        <li>
          <b>NTLM-based enumeration</b> (guessing accounts through NTLM authentication instead of Kerberos): not decoded.
        </li>
        <li>
          <b>Encrypted SMB3</b> sessions and DCE/RPC with packet privacy: the calls inside cannot be read. They are counted as <i>blind spots</i> on the Overview and in each import report, with the host pairs involved.
        </li>
      </ul>
      <p>No alerts therefore means no reconnaissance of these four kinds in the traffic that was readable, not that none happened.</p>
      <h2>Words</h2>
      <dl className="kv">
        <dt>activity</dt>
        <dd>one decoded fact, e.g. an AS-REQ and its answer</dd>
        <dt>exposed account</dt>
        <dd>an account the source learned about</dd>
        <dt>sensitive account ★</dt>
        <dd>a well-known admin RID (Administrator, Domain Admins, …) or an account you tagged</dd>
        <dt>exclusion</dt>
        <dd>stops new alerts for a source; its activities are kept and counted as excluded</dd>
        <dt>TP / B-TP / FP</dt>
        <dd>true positive / benign true positive / false positive</dd>
      </dl>
      <p className="muted">Press ? for keyboard shortcuts.</p>
    </article>
  );
}
