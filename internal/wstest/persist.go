//go:build !js

package wstest

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"os"
	"path/filepath"
	"time"
)

// LoadOrCreateCert keeps the dev server's CA and leaf in dir, so that a
// person trusts the CA once, not on every start. A missing, unreadable or
// nearly expired pair is made anew.
func LoadOrCreateCert(dir string) (*Cert, error) {
	if c, err := loadCert(dir); err == nil {
		return c, nil
	}
	c, err := NewCert()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(c.TLS.PrivateKey)
	if err != nil {
		return nil, err
	}
	var chain []byte
	for _, der := range c.TLS.Certificate {
		chain = append(chain, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
	}
	files := map[string][]byte{
		"ca.pem":    c.CAPEM,
		"chain.pem": chain,
		"key.pem":   pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func loadCert(dir string) (*Cert, error) {
	pair, err := tls.LoadX509KeyPair(filepath.Join(dir, "chain.pem"), filepath.Join(dir, "key.pem"))
	if err != nil {
		return nil, err
	}
	leaf, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		return nil, err
	}
	if time.Until(leaf.NotAfter) < 24*time.Hour {
		return nil, os.ErrNotExist
	}
	ca, err := os.ReadFile(filepath.Join(dir, "ca.pem"))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(leaf.RawSubjectPublicKeyInfo)
	return &Cert{TLS: pair, CAPEM: ca, SPKI: base64.StdEncoding.EncodeToString(sum[:])}, nil
}

// CAPath is where LoadOrCreateCert keeps the CA a person may import.
func CAPath(dir string) string { return filepath.Join(dir, "ca.pem") }
