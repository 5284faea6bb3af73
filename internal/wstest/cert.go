//go:build !js

// Package wstest is the Go side of the test rig and the dev server: a
// throwaway certificate authority, and a wss server on coder/websocket
// (echo, control messages and injected faults) bound to 127.0.0.1.
package wstest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"net"
	"time"
)

// Cert is a leaf certificate for 127.0.0.1, ::1, localhost and the test
// names (*.example.com, *.test), signed by a CA made for it.
type Cert struct {
	TLS   tls.Certificate
	CAPEM []byte
	// SPKI is the base64 SHA-256 of the leaf's public key, the form that
	// Chromium's --ignore-certificate-errors-spki-list takes.
	SPKI string
}

// Hosts the leaf is valid for. Tests route the names to 127.0.0.1 with
// Chromium's --host-resolver-rules, so nothing leaves the machine.
var Hosts = []string{"localhost", "*.example.com", "example.com", "*.test", "*.localhost"}

// NewCert makes a CA and a leaf signed by it, both valid for a week.
func NewCert() (*Cert, error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	ca := &x509.Certificate{
		SerialNumber:          big.NewInt(now.UnixNano()),
		Subject:               pkix.Name{CommonName: "wxshim throwaway test CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(7 * 24 * time.Hour),
		IsCA:                  true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(now.UnixNano() + 1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(7 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     Hosts,
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, ca, &key.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	spkiDER, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(spkiDER)
	return &Cert{
		TLS:   tls.Certificate{Certificate: [][]byte{leafDER, caDER}, PrivateKey: key},
		CAPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		SPKI:  base64.StdEncoding.EncodeToString(sum[:]),
	}, nil
}
