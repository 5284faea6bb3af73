package wxrun

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"sync"
	"time"
)

// leaves makes a certificate for each name a page asks the proxy for, all
// under one key: the browser trusts that key (its SPKI hash), whatever name
// the certificate carries, and no other. They are signed by a CA made with
// them, which the relay (a Go client, which checks chains and names) trusts.
type leaves struct {
	key   crypto.Signer
	ca    *x509.Certificate
	caKey crypto.Signer
	mu    sync.Mutex
	certs map[string]*tls.Certificate
}

func newLeaves(key crypto.Signer) (*leaves, error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(now.UnixNano()),
		Subject:               pkix.Name{CommonName: "wxrun throwaway CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(7 * 24 * time.Hour),
		IsCA:                  true,
		KeyUsage:              x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	ca, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &leaves{key: key, ca: ca, caKey: caKey, certs: map[string]*tls.Certificate{}}, nil
}

// pool holds the CA the leaves chain to.
func (l *leaves) pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(l.ca)
	return p
}

func (l *leaves) get(host string) (*tls.Certificate, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if c, ok := l.certs[host]; ok {
		return c, nil
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: host},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(7 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if ip := net.ParseIP(host); ip != nil {
		tmpl.IPAddresses = []net.IP{ip}
	} else {
		tmpl.DNSNames = []string{host}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, l.ca, l.key.Public(), l.caKey)
	if err != nil {
		return nil, err
	}
	c := &tls.Certificate{Certificate: [][]byte{der, l.ca.Raw}, PrivateKey: l.key}
	l.certs[host] = c
	return c, nil
}
