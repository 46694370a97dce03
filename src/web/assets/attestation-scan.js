// The attestation page's camera (/verifier-attestation): reads the 2D-Doc with the DataMatrix
// decoder served by Ofpra Connect (@zxing/library), puts its text in the form and sends it.
// Without a camera, scripts or permission, the form works as it is: nothing here is needed.
(function () {
  'use strict';
  var button = document.getElementById('scanner');
  var zone = document.getElementById('scanner-zone');
  var status = document.getElementById('scanner-status');
  var form = document.getElementById('verifier');
  if (!button || !zone || !form || !window.ZXing || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  button.hidden = false;
  button.addEventListener('click', function () {
    var reader = new window.ZXing.BrowserDatamatrixCodeReader();
    zone.hidden = false;
    status.textContent = button.getAttribute('data-scanning');
    reader.decodeOnceFromVideoDevice(undefined, 'scanner-video').then(function (result) {
      reader.reset();
      document.getElementById('code_2ddoc').value = result.getText();
      status.textContent = button.getAttribute('data-read');
      form.submit();
    }).catch(function () {
      reader.reset();
      status.textContent = button.getAttribute('data-failed');
    });
  });
})();
